package io.kefu.triage.model;

import de.bwaldvogel.liblinear.SolverType;

/**
 * The liblinear solvers triage tries, all L2-regularised: two trained one-vs-rest (one binary
 * model per label), and Crammer and Singer's multi-class SVM, one joint model over all labels,
 * which only fits single-label data.
 */
public enum Solver {
    /** L2-regularised logistic regression, dual coordinate descent (fast on sparse text). */
    LOGISTIC_REGRESSION(SolverType.L2R_LR_DUAL, 0.1, false),
    /** L2-regularised L2-loss (squared hinge) linear SVM, dual coordinate descent. */
    LINEAR_SVM(SolverType.L2R_L2LOSS_SVC_DUAL, 0.1, false),
    /**
     * Crammer and Singer's multi-class SVM: the margin is between the right label and the best
     * wrong one, rather than each label against all others.
     */
    CRAMMER_SINGER(SolverType.MCSVM_CS, 0.1, true);

    private final SolverType type;
    private final double eps;
    private final boolean multiClass;

    Solver(SolverType type, double eps, boolean multiClass) {
        this.type = type;
        this.eps = eps;
        this.multiClass = multiClass;
    }

    /** Whether this is one joint model over all labels (single-label data only). */
    public boolean multiClass() {
        return multiClass;
    }

    SolverType type() {
        return type;
    }

    /** liblinear's default stopping tolerance for this solver. */
    double eps() {
        return eps;
    }
}
