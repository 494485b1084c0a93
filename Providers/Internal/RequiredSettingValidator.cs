namespace Twins.Providers.Internal;

/// <summary>Stops start-up when a provider's required setting is empty, naming the provider and the setting.</summary>
internal sealed class RequiredSettingValidator(string provider, string setting, Func<bool> isSet) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (!isSet())
        {
            throw new OrleansConfigurationException($"{provider}: {setting} is not set.");
        }
    }
}
