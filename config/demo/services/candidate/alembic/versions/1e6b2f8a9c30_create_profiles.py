"""create profiles

Revision ID: 1e6b2f8a9c30
Revises:
Create Date: 2023-02-10 10:31:55.204118

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '1e6b2f8a9c30'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    profilestatus = postgresql.ENUM('draft', 'submitted', 'in_review', 'validated', 'rejected',
                                    'archived', name='profilestatus')
    profilestatus.create(op.get_bind())
    op.execute(
        "CREATE TYPE postal_address AS "
        "(line1 text, line2 text, postal_code text, city text, country char(2))"
    )
    op.create_table(
        'profiles',
        sa.Column('id', postgresql.UUID(), primary_key=True, server_default=sa.text('gen_random_uuid()')),
        # user_id points into the auth service: no foreign key once the databases are split.
        sa.Column('user_id', postgresql.UUID(), nullable=False, unique=True),
        sa.Column('status', postgresql.ENUM(name='profilestatus', create_type=False), nullable=False,
                  server_default='draft'),
        sa.Column('headline', sa.Text()),
        sa.Column('bio', sa.Text()),
        sa.Column('address', sa.Text()),  # retyped to postal_address below
        sa.Column('languages', postgresql.ARRAY(sa.Text()), nullable=False, server_default='{}'),
        sa.Column('years_experience', sa.Numeric(4, 1)),
        sa.Column('completion_pct', sa.SmallInteger(), nullable=False, server_default='0'),
        sa.Column('extra', postgresql.JSONB(), nullable=False, server_default='{}'),
        sa.Column('birth_date', sa.Date()),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.execute("ALTER TABLE profiles ALTER COLUMN address TYPE postal_address USING NULL")
    op.create_index('profiles_extra_gin', 'profiles', ['extra'], postgresql_using='gin',
                    postgresql_ops={'extra': 'jsonb_path_ops'})


def downgrade():
    op.drop_table('profiles')
    op.execute("DROP TYPE postal_address")
    postgresql.ENUM(name='profilestatus').drop(op.get_bind())
