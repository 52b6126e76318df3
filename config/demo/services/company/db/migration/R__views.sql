-- Repeatable migration: Flyway reapplies it whenever its checksum changes.
-- It has no version, so it never decides the head.
CREATE OR REPLACE VIEW company_team_sizes AS
SELECT c.id AS company_id, c.name, count(t.id) AS members
  FROM companies c
  LEFT JOIN team_members t ON t.company_id = c.id
 GROUP BY c.id, c.name;
