--liquibase formatted sql

--changeset alice:1
--comment: the users
CREATE TABLE users (id int);

-- changeset "bob smith":orders-2 labels:billing context:prod runOnChange:true
CREATE TABLE orders (id int);

--changeset alice:3
ALTER TABLE users ADD COLUMN name text;
