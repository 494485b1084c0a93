using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Twins.Silo.Observability;

/// <summary>Health, readiness and Prometheus metrics endpoints of the silo.</summary>
internal static class ObservabilityEndpoints
{
    /// <summary>The meters /metrics exports.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        "Microsoft.Orleans", SiloMetrics.SiloMeterName, SiloMetrics.GatewayMeterName, "Twins.GraphQL",
        "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
    ];

    public static IServiceCollection AddSiloObservability(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<SiloMetrics>();
        services.AddSingleton(sp => new PrometheusExporter(sp.GetRequiredService<IMeterFactory>(), Meters));
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("silo", tags: [ReadinessHealthCheck.Tag]);
        return services;
    }

    public static WebApplication MapSiloObservability(this WebApplication app)
    {
        // Create the exporter before the runtime's instruments are published so nothing is missed.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<SiloMetrics>();

        // Liveness checks only this process (no broker, no cluster): a restart would not fix those.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadinessHealthCheck.Tag),
            ResponseWriter = WriteReadinessAsync,
        });
        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType));
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var detail = string.Join("\n", report.Entries.Values.Where(e => e.Description is not null).Select(e => e.Description));
        return context.Response.WriteAsync(detail.Length == 0 ? report.Status.ToString() : $"{report.Status}\n{detail}");
    }
}
