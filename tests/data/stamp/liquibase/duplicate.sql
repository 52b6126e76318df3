--liquibase formatted sql
--changeset a:1
SELECT 1;
--changeset a:1
SELECT 2;
