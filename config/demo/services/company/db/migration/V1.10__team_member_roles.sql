-- Sorts after V1.9: Flyway compares versions part by part (1.10 > 1.9).
ALTER TABLE team_members
    ADD CONSTRAINT team_members_role_check CHECK (role IN ('owner', 'admin', 'recruiter', 'viewer'));
CREATE INDEX team_members_user_id_idx ON team_members (user_id);
