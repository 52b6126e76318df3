from typing import Sequence, Union

revision: str = "7a8b9c0d1e2f"
down_revision: Union[str, Sequence[str], None] = ("5e6f7a8b9c0d", "6f7a8b9c0d1e")
