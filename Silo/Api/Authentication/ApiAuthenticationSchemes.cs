namespace Twins.Silo.Api.Authentication;

/// <summary>The API's authentication schemes: <see cref="Default"/> forwards to JwtBearer or to the API key handler.</summary>
internal static class ApiAuthenticationSchemes
{
    /// <summary>The default scheme: picks <see cref="Bearer"/> or <see cref="ApiKey"/> by the request's headers.</summary>
    public const string Default = "Twins";

    /// <summary>ASP.NET Core's JwtBearer handler.</summary>
    public const string Bearer = Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme;

    /// <summary><c>X-Api-Key</c>.</summary>
    public const string ApiKey = "ApiKey";

    public const string ApiKeyHeader = "X-Api-Key";
}
