#!/bin/sh
# Run once by the postgres image when it makes the primary's database
# (/docker-entrypoint-initdb.d): let replicas stream from it with the
# archive user's password (the image allows only ordinary connections).
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
