"""experiences, educations, certifications, skills

Revision ID: 6d0f3b8e2a47
Revises: 1e6b2f8a9c30
Create Date: 2023-05-02 15:12:09.877310

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '6d0f3b8e2a47'
down_revision = '1e6b2f8a9c30'
branch_labels = None
depends_on = None


def _profile_fk():
    return sa.Column('profile_id', postgresql.UUID(),
                     sa.ForeignKey('profiles.id', ondelete='CASCADE'), nullable=False, index=True)


def upgrade():
    op.create_table(
        'experiences',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        _profile_fk(),
        sa.Column('company_name', sa.Text(), nullable=False),
        sa.Column('company_id', postgresql.UUID()),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=False),
        sa.Column('end_date', sa.Date()),
        sa.Column('description', sa.Text()),
        sa.Column('technologies', postgresql.ARRAY(sa.Text())),
    )
    op.create_table(
        'educations',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), primary_key=True),
        _profile_fk(),
        sa.Column('school', sa.Text(), nullable=False),
        sa.Column('degree', sa.Text()),
        sa.Column('field_of_study', sa.Text()),
        sa.Column('start_year', sa.SmallInteger()),
        sa.Column('end_year', sa.SmallInteger()),
        sa.Column('grade', sa.Numeric(4, 2)),
    )
    op.create_table(
        'certifications',
        sa.Column('id', sa.Integer(), primary_key=True),
        _profile_fk(),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('issuer', sa.Text()),
        sa.Column('issued_on', sa.Date()),
        sa.Column('expires_on', sa.Date()),
        sa.Column('credential_id', sa.Text()),
        sa.Column('document_id', postgresql.UUID()),
    )
    op.create_table(
        'skills',
        sa.Column('id', sa.BigInteger(), primary_key=True),
        _profile_fk(),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('level', sa.SmallInteger(), nullable=False),
        sa.Column('years', sa.Float()),
        sa.Column('score', sa.Float()),
        sa.UniqueConstraint('profile_id', 'name', name='skills_profile_name_key'),
    )


def downgrade():
    for table in ('skills', 'certifications', 'educations', 'experiences'):
        op.drop_table(table)
