using System.Globalization;
using Microsoft.Extensions.Options;

namespace Twins.Silo.Api.Authentication;

/// <summary>Refuses a <c>Twins:Api</c> section that would silently accept the wrong tokens or none, naming each key.</summary>
internal sealed class ApiAuthenticationOptionsValidator : IValidateOptions<ApiAuthenticationOptions>
{
    private const string Prefix = ApiAuthenticationOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, ApiAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var oidc = !string.IsNullOrEmpty(options.Authority) || !string.IsNullOrEmpty(options.MetadataAddress);
        var keys = new[] { (nameof(options.SigningKey), options.SigningKey), (nameof(options.SigningKeyFile), options.SigningKeyFile), (nameof(options.PublicKeyFile), options.PublicKeyFile) }
            .Where(k => !string.IsNullOrEmpty(k.Item2))
            .Select(k => Prefix + k.Item1)
            .ToList();
        if (keys.Count + (oidc ? 1 : 0) > 1)
        {
            failures.Add($"Configure one token key source, not {string.Join(" and ", oidc ? [Prefix + "Authority", .. keys] : keys)}.");
        }

        CheckUrl(options.Authority, nameof(options.Authority));
        CheckUrl(options.MetadataAddress, nameof(options.MetadataAddress));
        if (options.SigningKey is { Length: > 0 } key && !IsKey(key))
        {
            failures.Add($"{Prefix}SigningKey must be base64 of at least 32 bytes (HS256).");
        }

        if (options.SigningKeyFile is { Length: > 0 } keyFile && (!File.Exists(keyFile) || !IsKey(File.ReadAllText(keyFile).Trim())))
        {
            failures.Add($"{Prefix}SigningKeyFile '{keyFile}' must exist and hold base64 of at least 32 bytes (HS256).");
        }

        if (options.PublicKeyFile is { Length: > 0 } pem && !File.Exists(pem))
        {
            failures.Add($"{Prefix}PublicKeyFile '{pem}' does not exist.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{Prefix}Audience must not be empty.");
        }

        if (options.Issuer is { } issuer && string.IsNullOrWhiteSpace(issuer))
        {
            failures.Add($"{Prefix}Issuer must not be blank.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Prefix}ClockSkew must be between 00:00:00 and 00:05:00.");
        }

        if (options.KeyRefreshInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Prefix}KeyRefreshInterval must be at least 00:00:01.");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim))
        {
            failures.Add($"{Prefix}RoleClaim must not be empty.");
        }

        foreach (var (from, to) in options.Roles)
        {
            if (!IsRole(to))
            {
                failures.Add($"{Prefix}Roles:{from} must be operator, owner or service, not '{to}'.");
            }
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var apiKey = options.ApiKeys[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{Prefix}ApiKeys:{i}");
            if (string.IsNullOrWhiteSpace(apiKey.Name))
            {
                failures.Add($"{at}:Name must not be empty.");
            }

            if (apiKey.Sha256.Length != 64 || !apiKey.Sha256.All(char.IsAsciiHexDigit))
            {
                failures.Add($"{at}:Sha256 must be the key's SHA-256 in hex (64 digits).");
            }

            if (!IsRole(apiKey.Role))
            {
                failures.Add($"{at}:Role must be operator, owner or service, not '{apiKey.Role}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckUrl(string? value, string key)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                failures.Add($"{Prefix}{key} must be an absolute http(s) URL, not '{value}'.");
            }
            else if (uri.Scheme == "http" && options.RequireHttpsMetadata)
            {
                failures.Add($"{Prefix}{key} must use https (set {Prefix}RequireHttpsMetadata=false only for a local test provider).");
            }
        }
    }

    private static bool IsRole(string role) => role is FleetCaller.Operator or FleetCaller.Owner or FleetCaller.Service;

    private static bool IsKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= 32;
    }
}
