import ArtefactCLI
import ArtefactCore

exitProcess(ArtefactCommandLine.run(Array(CommandLine.arguments.dropFirst())))
