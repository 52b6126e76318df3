"""email domain column, phone format check (not validated)

Revision ID: d7a3e8b41c92
Revises: b59e06f3c218
Create Date: 2024-04-18 14:25:36.114052

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "d7a3e8b41c92"
down_revision: Union[str, None] = "b59e06f3c218"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE users ADD COLUMN email_domain text "
        "GENERATED ALWAYS AS (lower(split_part(email, '@', 2))) STORED"
    )
    # Legacy rows keep their old phone formats: the check only applies to new writes.
    op.execute(
        "ALTER TABLE users ADD CONSTRAINT users_phone_format "
        "CHECK (phone IS NULL OR phone ~ '^\\+[0-9]{6,15}$') NOT VALID"
    )


def downgrade() -> None:
    op.drop_constraint("users_phone_format", "users", type_="check")
    op.drop_column("users", "email_domain")
