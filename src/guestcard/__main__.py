from guestcard.cli.main import main

raise SystemExit(main())
