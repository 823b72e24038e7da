package io.lifeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void aFreshDatabaseIsEmptyUsableAndDroppedOnClose() throws Exception {
        TestDatabase db = TestDatabase.create("lifeline_selftest");
        try (Connection c = db.connect()) {
            ResultSet tables = c.createStatement().executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
            tables.next();
            assertThat(tables.getInt(1)).isZero();
            c.createStatement().execute("CREATE TABLE songs (id text PRIMARY KEY)");
            c.createStatement().execute("INSERT INTO songs VALUES ('a'), ('b')");
            ResultSet count = c.createStatement().executeQuery("SELECT count(*) FROM songs");
            count.next();
            assertThat(count.getInt(1)).isEqualTo(2);
        }
        assertThat(db.exists()).isTrue();

        db.close();

        assertThat(db.exists()).isFalse();
    }

    @Test
    void twoDatabasesNeverShareAName() {
        try (TestDatabase a = TestDatabase.create("lifeline_selftest"); TestDatabase b = TestDatabase.create("lifeline_selftest")) {
            assertThat(a.name()).isNotEqualTo(b.name());
        }
    }
}
