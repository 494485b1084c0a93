namespace Twins.Actors.Hosting;

/// <summary>Configures a silo's providers and filters (returned by <c>AddTwinsSilo</c>).</summary>
public interface ISiloBuilder
{
    /// <summary>The application's services.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
}
