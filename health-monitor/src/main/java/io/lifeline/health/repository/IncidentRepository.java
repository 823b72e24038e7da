package io.lifeline.health.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.health.StoredIncident;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<StoredIncident, String> {
}
