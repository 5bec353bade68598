"""``python -m fvs_app``: start the tablet app with settings from the environment."""
from fvs_app.launcher import main

if __name__ == "__main__":
    main()
