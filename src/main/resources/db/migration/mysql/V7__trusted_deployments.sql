-- Deployments an admin made trusted (kefu.security.trusted-deployments): their models skipped the
-- deployment policy and their expressions run unrestricted while trust stays switched on.
CREATE TABLE trusted_deployment (
    deployment_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    trusted_by    VARCHAR(200) NOT NULL,
    trusted_at    DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
