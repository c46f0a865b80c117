-- An ingested alert's labels (Alertmanager's: team, severity, ...) ride on its problem, and so on the
-- incident's alert: routes, silences and inhibitions match them. They used to be lost with a
-- restart. The same key=value lines as incident_timeline.data ('' for none).
ALTER TABLE incident_problems ADD COLUMN labels TEXT NOT NULL DEFAULT '';
