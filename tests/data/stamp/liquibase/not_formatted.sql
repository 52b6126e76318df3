SELECT 1;
--changeset a:1
