using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twins.Actors.Hosting;
using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>Starts the silo with the host (grain registrations, collection, reminders) and stops it gracefully.</summary>
internal sealed partial class SiloHostedService(Catalog catalog, ReminderService reminders, IOptions<SiloOptions> options, ILogger<SiloHostedService> logger) : IHostedService
{
    private readonly ILogger _logger = logger;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        GrainClassRegistry.EnsureLoaded();
        catalog.Start();
        await reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(options.Value.SiloName);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        reminders.Stop();
        await catalog.StopAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(options.Value.SiloName);
    }

    [LoggerMessage(1, LogLevel.Information, "Silo {SiloName} started")]
    private partial void LogStarted(string siloName);

    [LoggerMessage(2, LogLevel.Information, "Silo {SiloName} stopped")]
    private partial void LogStopped(string siloName);
}
