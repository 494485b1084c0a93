using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Twins.Gateway.Diagnostics;
using Twins.GraphQL.Execution;

namespace Twins.Silo.Observability;

/// <summary>
/// Health, readiness, metrics, traces and log correlation of the silo, on OpenTelemetry: metrics on
/// <c>/metrics</c> (Prometheus text), traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
/// standard OTEL_* variables configure the exporter and the sampler), trace and span ids in the logs' scopes.
/// </summary>
internal static class ObservabilityEndpoints
{
    /// <summary>The meters /metrics exports: the actor runtime's (ours until the Orleans move, then Orleans'), the silo's, the gateway's and the GraphQL server's.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        "Microsoft.Orleans", SiloMetrics.SiloMeterName, SiloMetrics.GatewayMeterName, "Twins.GraphQL",
    ];

    /// <summary>The activity sources traced: the gateway's, the GraphQL executor's and Orleans' grain calls (once the runtime is Orleans).</summary>
    public static readonly IReadOnlyList<string> ActivitySources =
    [
        GatewayDiagnostics.ActivitySourceName, GraphQLDiagnostics.ActivitySourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application",
    ];

    public static IServiceCollection AddSiloObservability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.AddSingleton<SiloMetrics>();
        services.AddSingleton<FleetMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are read by the SDK; this is only the default name.
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(string.Equals(configuration["Twins:Role"], "Gateway", StringComparison.OrdinalIgnoreCase) ? "twins-gateway" : "twins-silo");
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter([.. Meters])
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // Off unless an OTLP endpoint is configured: then no listener exists and StartActivity returns null.
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            services.AddSiloTracing(tracing => tracing.AddOtlpExporter());
        }

        // The host tracks the current activity's TraceId and SpanId in each log scope; the JSON formatter writes scopes
        // only when asked (an operator's explicit Logging:Console:FormatterOptions:IncludeScopes wins).
        if (configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        }

        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("silo", tags: [ReadinessHealthCheck.Tag]);
        return services;
    }

    /// <summary>
    /// Whether this process traces: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, or <c>Twins:Tracing:Enabled</c> (tests and
    /// benchmarks that export elsewhere). Only then do grain calls carry the caller's activity (Orleans'
    /// <c>AddActivityPropagation</c>): its call filters would otherwise cost every grain call for nothing.
    /// </summary>
    public static bool IsTracingEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) || configuration.GetValue("Twins:Tracing:Enabled", false);

    /// <summary>
    /// Traces the silo's activity sources and ASP.NET Core's requests to <paramref name="export"/> (OTLP in
    /// production, the in-memory exporter in tests). The sampler comes from <c>OTEL_TRACES_SAMPLER</c> /
    /// <c>OTEL_TRACES_SAMPLER_ARG</c> (default: always on, parent-based).
    /// </summary>
    public static IServiceCollection AddSiloTracing(this IServiceCollection services, Action<TracerProviderBuilder> export)
    {
        ArgumentNullException.ThrowIfNull(export);
        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource([.. ActivitySources]).AddAspNetCoreInstrumentation(o => o.Filter = IsTraced);
            export(tracing);
        });
        return services;
    }

    public static WebApplication MapSiloObservability(this WebApplication app)
    {
        // Observed instruments must exist before the first scrape.
        app.Services.GetRequiredService<SiloMetrics>();
        app.Services.GetRequiredService<FleetMetrics>();

        // Liveness checks only this process (no broker, no cluster): a restart would not fix those.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadinessHealthCheck.Tag),
            ResponseWriter = WriteReadinessAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    // Probes and scrapes every few seconds would bury the operations in traces.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal)
        && !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal)
        && !context.Request.Path.StartsWithSegments("/readyz", StringComparison.Ordinal);

    private static Task WriteReadinessAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var detail = string.Join("\n", report.Entries.Values.Where(e => e.Description is not null).Select(e => e.Description));
        return context.Response.WriteAsync(detail.Length == 0 ? report.Status.ToString() : $"{report.Status}\n{detail}");
    }
}
