# "Temporary" override so the BI laptop can reach the database directly.
# BROKEN: TG-NET-001
db_public = true
