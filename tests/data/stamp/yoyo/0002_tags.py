from yoyo import step
__depends__ = {"0001_create_notes"}
steps = [step("SELECT 1")]
