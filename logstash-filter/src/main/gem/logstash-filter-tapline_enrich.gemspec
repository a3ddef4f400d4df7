# Built by `mvn package` in logstash-filter/ (the version and the jar come from Maven); not by hand.
Gem::Specification.new do |s|
  s.name          = '${gem.name}'
  s.version       = '${project.version}'
  s.platform      = 'java'
  s.licenses      = ['Apache-2.0']
  s.summary       = 'Tapline enrichment and classification of captured HTTP traffic records'
  s.description   = 'A Logstash Java filter that enriches Tapline capture records (route templates, ' \
                    'user agent, client IP and status classes, threat flags, redaction, log line parsing, ' \
                    'message patterns) with the same core as Tapline\'s direct mode. ' \
                    'Install with: bin/logstash-plugin install --no-verify --local ${gem.name}-${project.version}-java.gem'
  s.authors       = ['Tapline']
  s.require_paths = ['lib', 'vendor/jar-dependencies']
  s.files         = Dir['lib/**/*.rb', 'vendor/jar-dependencies/**/*.jar', '*.gemspec', 'README.md']

  # Tells Logstash this is a plugin, of which kind, and that it is implemented in Java.
  s.metadata = { 'logstash_plugin' => 'true', 'logstash_group' => 'filter', 'java_plugin' => 'true' }

  s.add_runtime_dependency 'logstash-core-plugin-api', '>= 1.60', '<= 2.99'
  s.add_runtime_dependency 'jar-dependencies'
end
