// Command compose is a thin wrapper around the Docker Compose CLI
// (github.com/docker/compose/v5), built from source, so that
// docker-compose.yml can be checked with `config -q` on machines that have
// neither a Docker engine nor the compose plugin:
//
//	cd tools/compose && go run . -f ../../docker-compose.yml config -q
//
// It lives in its own Go module so that the main module's go.mod stays free
// of compose's large dependency tree and `go test ./...` at the root skips it.
// (`go install github.com/docker/compose/v5/cmd@…` does not work: compose's
// go.mod has exclude directives, which `go install pkg@version` refuses.)
package main

import (
	"os"
	"runtime/debug"

	dockercli "github.com/docker/cli/cli"
	"github.com/docker/cli/cli-plugins/metadata"
	"github.com/docker/cli/cli-plugins/plugin"
	"github.com/docker/cli/cli/command"
	"github.com/spf13/cobra"

	"github.com/docker/compose/v5/cmd/compatibility"
	composecmd "github.com/docker/compose/v5/cmd/compose"
)

const composeModule = "github.com/docker/compose/v5"

// composeVersion reports the version of the compose module linked in.
func composeVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == composeModule {
				return dep.Version
			}
		}
	}
	return "unknown"
}

func rootCommand(cli command.Cli) *cobra.Command {
	root := composecmd.RootCommand(cli, &composecmd.BackendOptions{})
	next := root.PersistentPreRunE
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		// Sets up the docker CLI instance (config, context); no engine is contacted.
		if err := plugin.PersistentPreRunE(cmd, args); err != nil {
			return err
		}
		if next != nil {
			return next(cmd, args)
		}
		return nil
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return dockercli.StatusError{StatusCode: 1, Status: err.Error()}
	})
	return root
}

func main() {
	// Run as a standalone binary (not as a docker CLI plugin): rewrite the
	// arguments the way `docker compose ARGS...` would pass them.
	if plugin.RunningStandalone() {
		os.Args = append([]string{"docker"}, compatibility.Convert(os.Args[1:])...)
	}
	plugin.Run(rootCommand, metadata.Metadata{
		SchemaVersion: "0.1.0",
		Vendor:        "Docker Inc.",
		Version:       composeVersion(),
	})
}
