-- What the status page shows for each component, from health.degraded / health.recovered.
CREATE TABLE component_status (
    component   text        PRIMARY KEY,
    degraded    boolean     NOT NULL,
    probe       text        NOT NULL,
    since       timestamptz NOT NULL,
    -- The time of the event that set this state: an older event arriving late changes nothing.
    as_of       timestamptz NOT NULL
);
