"""The REST API (FastAPI) over the event database, and the web UI's static files: `peristiwa serve`.

`from peristiwa.server.app import create_app` builds the app; this package file stays empty so that
`peristiwa <other command>` does not pay for importing FastAPI.
"""
