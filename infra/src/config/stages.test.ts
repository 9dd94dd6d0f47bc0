import { STAGES, stageConfigFor, validateStageConfig, type StageConfig } from './stages';

describe('stageConfigFor', () => {
  it('returns the config of a known stage', () => {
    // Arrange / Act
    const config = stageConfigFor('prod');

    // Assert
    expect(config.stage).toBe('prod');
  });

  it('names the flag to pass when no stage is given', () => {
    // Arrange / Act / Assert
    expect(() => stageConfigFor(undefined)).toThrow('Missing stage: pass -c stage=<dev|prod>.');
  });

  it('rejects a stage that does not exist', () => {
    // Arrange / Act / Assert
    expect(() => stageConfigFor('staging')).toThrow(
      'Unknown stage "staging": expected one of dev, prod.',
    );
  });
});

describe('validateStageConfig', () => {
  it('accepts both shipped stages, whose generator is off by default', () => {
    // Arrange / Act / Assert
    for (const config of Object.values(STAGES)) {
      expect(() => validateStageConfig(config)).not.toThrow();
      expect(config.generatorEnabled).toBe(false);
    }
  });

  it('rejects a wildcard CORS origin', () => {
    // Arrange
    const config: StageConfig = {
      ...STAGES.prod,
      corsOrigins: ['*', 'https://rewards.example.com'],
    };

    // Act / Assert
    expect(() => validateStageConfig(config)).toThrow(
      'corsOrigins must not contain wildcards ("*")',
    );
  });

  it('requires the dashboard among the CORS origins', () => {
    // Arrange
    const config: StageConfig = { ...STAGES.dev, corsOrigins: ['http://localhost:3000'] };

    // Act / Assert
    expect(() => validateStageConfig(config)).toThrow(
      'corsOrigins must include the dashboard https://dev.rewards.example.com',
    );
  });
});
