// Command ferretdb runs FerretDB v1.24.2 from its embeddable package on SQLite.
//
// We build our own tiny binary because `go install .../cmd/ferretdb` panics at
// start (it needs a generated version.txt, FerretDB issue #2982). The embeddable
// package has telemetry off, no auth and no state file.
//
// Once listening it prints one line, "LISTENING <mongodb uri>", so the caller can
// use port 0 without a race. With -watch-stdin it exits when stdin closes, so a
// crashed parent never leaves an orphan database behind.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on")
	dir := flag.String("dir", "data/ferretdb", "directory for the SQLite files (created if missing)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin reaches EOF")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail("bad -dir: %v", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail("cannot create %s: %v", abs, err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/", // the trailing slash is required: a directory, not a file
	})
	if err != nil {
		fail("%v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	go indexIDs(ctx, abs, 2*time.Second, logger)

	// MongoDBURI needs the listener to be bound; Run binds it almost at once.
	announced := false
	ticker := time.NewTicker(20 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case err := <-done:
			if err != nil && ctx.Err() == nil {
				fail("%v", err)
			}
			return
		case <-ticker.C:
			if !announced {
				if uri, ok := tryURI(f); ok {
					fmt.Printf("LISTENING %s\n", uri)
					announced = true
				}
			}
		}
	}
}

func tryURI(f *ferretdb.FerretDB) (uri string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	uri = f.MongoDBURI()
	return uri, uri != ""
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
