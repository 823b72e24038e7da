package io.lifeline.contract.store;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A state value that must survive restarts (code hash, implementation slot). */
@Entity
@Table(name = "state_value")
@IdClass(StateValueEntity.Key.class)
public class StateValueEntity extends PanacheEntityBase {

    @Id
    @Column(name = "contract_name")
    public String contractName;

    @Id
    public String name;

    public String value;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public String contractName;
        public String name;

        public Key() {
        }

        public Key(String contractName, String name) {
            this.contractName = contractName;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(contractName, k.contractName) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contractName, name);
        }
    }
}
