package io.lifeline.health.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.health.StoredProbeState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProbeStateRepository implements PanacheRepositoryBase<StoredProbeState, String> {
}
