# encoding: utf-8
# Puts the plugin's one jar (vendor/jar-dependencies/...) on Logstash's classpath.
require 'jar_dependencies'
require_jar('${project.groupId}', '${gem.name}', '${project.version}')
