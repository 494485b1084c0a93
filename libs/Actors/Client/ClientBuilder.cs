using Microsoft.Extensions.DependencyInjection;

namespace Twins.Actors.Client;

/// <summary>The builder <c>AddTwinsClient</c> returns.</summary>
internal sealed class ClientBuilder(IServiceCollection services) : IClientBuilder
{
    public IServiceCollection Services { get; } = services;
}
