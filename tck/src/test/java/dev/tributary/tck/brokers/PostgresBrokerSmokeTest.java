package dev.tributary.tck.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Brokers.class)
class PostgresBrokerSmokeTest {

    @Test
    void selectOneAndATableSurviveRestartAndStopClosesThePort(PostgresBroker postgres) throws SQLException {
        SmokeReport.printStart(postgres, "first start");
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            assertEquals(1, single(statement, "select 1"));
            statement.execute("create table smoke (id int primary key)");
            statement.execute("insert into smoke values (1), (2)");
        }

        SmokeReport.restartOnSamePort(postgres);
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            assertEquals(1, single(statement, "select 1"));
            assertEquals(2, single(statement, "select count(*) from smoke"), "data kept across restarts");
        }

        SmokeReport.stopClosesPort(postgres);
    }

    private static Connection connect(PostgresBroker postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
    }

    private static int single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "no row from " + sql);
            return rows.getInt(1);
        }
    }
}
