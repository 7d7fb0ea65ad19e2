package io.kefu.triage.model;

import de.bwaldvogel.liblinear.SolverType;

/** The liblinear solvers triage tries; both are L2-regularised, trained one-vs-rest. */
public enum Solver {
    /** L2-regularised logistic regression, dual coordinate descent (fast on sparse text). */
    LOGISTIC_REGRESSION(SolverType.L2R_LR_DUAL, 0.1),
    /** L2-regularised L2-loss (squared hinge) linear SVM, dual coordinate descent. */
    LINEAR_SVM(SolverType.L2R_L2LOSS_SVC_DUAL, 0.1);

    private final SolverType type;
    private final double eps;

    Solver(SolverType type, double eps) {
        this.type = type;
        this.eps = eps;
    }

    SolverType type() {
        return type;
    }

    /** liblinear's default stopping tolerance for this solver. */
    double eps() {
        return eps;
    }
}
