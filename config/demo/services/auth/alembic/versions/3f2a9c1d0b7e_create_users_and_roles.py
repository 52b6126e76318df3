"""create users, roles and user_roles

Revision ID: 3f2a9c1d0b7e
Revises:
Create Date: 2023-02-06 09:14:02.512340

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '3f2a9c1d0b7e'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    userstatus = postgresql.ENUM('pending', 'active', 'suspended', 'deleted', name='userstatus')
    userstatus.create(op.get_bind())
    op.create_table(
        'roles',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.Text(), nullable=False, unique=True),
        sa.Column('description', sa.Text()),
        sa.Column('permissions', postgresql.ARRAY(sa.Text()), nullable=False, server_default='{}'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        'users',
        sa.Column('id', postgresql.UUID(), primary_key=True, server_default=sa.text('gen_random_uuid()')),
        sa.Column('email', sa.Text(), nullable=False),
        sa.Column('password_hash', sa.Text(), nullable=False),
        sa.Column('first_name', sa.Text()),
        sa.Column('last_name', sa.Text()),
        sa.Column('phone', sa.Text()),
        sa.Column('status', postgresql.ENUM(name='userstatus', create_type=False), nullable=False,
                  server_default='pending'),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index('users_email_lower_key', 'users', [sa.text('lower(email)')], unique=True)
    op.create_table(
        'user_roles',
        sa.Column('user_id', postgresql.UUID(), sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('role_id', sa.Integer(), sa.ForeignKey('roles.id'), primary_key=True),
        sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column('granted_by', postgresql.UUID(), sa.ForeignKey('users.id', ondelete='SET NULL')),
    )


def downgrade():
    op.drop_table('user_roles')
    op.drop_index('users_email_lower_key', table_name='users')
    op.drop_table('users')
    op.drop_table('roles')
    postgresql.ENUM(name='userstatus').drop(op.get_bind())
