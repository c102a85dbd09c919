// Interop tests start real processes (clients, servers) that share ports, files and CPU: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// SyncEvolution, its reference server and the LD_PRELOAD shim exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
