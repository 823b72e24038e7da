package io.lifeline.health.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.health.StoredWatch;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class WatchRepository implements PanacheRepositoryBase<StoredWatch, String> {
}
