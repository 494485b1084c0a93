// The fleet simulator grows with the vehicle contract (issue 10); for now it says what it will be.
Console.WriteLine("Twins fleet simulator: virtual vehicles speaking the Twins MQTT contract. Not yet implemented.");
return 0;
