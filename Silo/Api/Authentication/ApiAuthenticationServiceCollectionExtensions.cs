using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Api.Authentication;

/// <summary>Registers the API's authentication: JwtBearer for tokens, the API key handler, and the 401 for bad credentials.</summary>
internal static class ApiAuthenticationServiceCollectionExtensions
{
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<ApiAuthenticationOptions>().BindConfiguration(ApiAuthenticationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiAuthenticationOptions>, ApiAuthenticationOptionsValidator>());
        services.AddSingleton(new ApiKeyLocation(dataDirectory));
        services.AddSingleton<ApiSigningKey>();
        services.AddSingleton<ApiTokenIssuer>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiRoleMapping>();
        services.AddSingleton<ConnectionInitAuthenticator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>());

        // Built on start, not on the first request: the development key file exists before `./twins token` needs it, and a bad key file stops start-up.
        services.AddOptions<JwtBearerOptions>(ApiAuthenticationSchemes.Bearer).ValidateOnStart();
        services.AddAuthentication(ApiAuthenticationSchemes.Default)
            .AddPolicyScheme(ApiAuthenticationSchemes.Default, "Bearer token or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(ApiAuthenticationSchemes.Bearer, _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiAuthenticationSchemes.ApiKey, null);
        return services;
    }

    /// <summary>Authenticates every request and answers 401 to one whose credentials are not valid.</summary>
    public static IApplicationBuilder UseApiAuthentication(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        return app.UseMiddleware<InvalidCredentialsMiddleware>();
    }

    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0 && context.Request.Headers.ContainsKey(ApiAuthenticationSchemes.ApiKeyHeader)
            ? ApiAuthenticationSchemes.ApiKey
            : ApiAuthenticationSchemes.Bearer;
}
