package io.kefu.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import io.kefu.config.KefuHome;

/**
 * Deploys every BPMN and DMN file of {@code processes/} when the engine starts, before the web
 * server takes requests. Duplicate filtering makes a restart with unchanged files add no version;
 * an invalid file stops the start with the parser's message.
 */
@Component
class ProcessDeployer implements InitializingBean {

    static final String DEPLOYMENT_NAME = "kefu-processes";
    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

    private final RepositoryService repository;
    private final KefuHome home;

    ProcessDeployer(RepositoryService repository, KefuHome home) {
        this.repository = repository;
        this.home = home;
    }

    @Override
    public void afterPropertiesSet() {
        deploy();
    }

    Deployment deploy() {
        List<Resource> files = new ArrayList<>(home.files("processes", "**/*.bpmn"));
        files.addAll(home.files("processes", "**/*.dmn"));
        if (files.isEmpty()) {
            throw new IllegalStateException("No BPMN files in " + home.folder("processes"));
        }
        DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).source("kefu")
                .enableDuplicateFiltering(true);
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Resource file : files) {
                InputStream in = file.getInputStream();
                streams.add(in);
                builder.addInputStream(file.getFilename(), in);
            }
            Deployment deployment = builder.deploy();
            log.info("Processes deployed from {}: {} file(s), deployment {}",
                    home.onDisk("processes") ? home.folder("processes") : "the jar", files.size(), deployment.getId());
            return deployment;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a process file", e);
        } finally {
            for (InputStream in : streams) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing a file we only read; nothing to recover
                }
            }
        }
    }
}
