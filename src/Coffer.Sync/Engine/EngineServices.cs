using Coffer.Sync.Auth;
using Coffer.Sync.Content;
using Coffer.Sync.Metrics;
using Microsoft.Extensions.Logging;

namespace Coffer.Sync.Engine;

/// <summary>What every message of every session shares: the engine's settings, clock, log, metrics and caches.</summary>
internal sealed record EngineServices(
    ContentHandlers Handlers,
    SyncServerOptions Options,
    TimeProvider Time,
    ILogger Logger,
    Md5Nonces Nonces,
    CofferMetrics Metrics,
    DeviceInfoCache DeviceInfos);
