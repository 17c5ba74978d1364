import ArtefactCLI
import Glibc

exit(ArtefactCommandLine.run(Array(CommandLine.arguments.dropFirst())))
