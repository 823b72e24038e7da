package io.lifeline.health;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a watch (backups, drills) learned from events, as persisted: a name and a JSON body. */
@Entity
@Table(name = "watch_state", schema = "health_monitor")
public class StoredWatch {

    @Id
    public String name;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
