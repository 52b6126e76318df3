from typing import Sequence, Union

revision: str = '6f7a8b9c0d1e'
down_revision: Union[str, None] = '4d5e6f7a8b9c'
