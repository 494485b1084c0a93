using Microsoft.Extensions.DependencyInjection;

namespace Twins.Actors.Client;

/// <summary>Configures a cluster client (returned by <c>AddTwinsClient</c>).</summary>
public interface IClientBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
