"""Shared helpers for migrations: not a migration itself."""
import sqlalchemy as sa


def timestamps():
    revision = 'ignored'
    return [sa.Column('created_at', sa.DateTime()), sa.Column('updated_at', sa.DateTime())]
