using Coffer.SyncBench;

return await Commands.RunAsync(args);
