"""Pure domain rules of RET Desk: no Qt, no SQLAlchemy, no reportlab."""
