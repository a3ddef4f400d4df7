# encoding: utf-8
# Registers the Java filter io.tapline.logstash.TaplineEnrich as `tapline_enrich`; all logic is in Java.
require 'logstash/filters/base'
require 'logstash/namespace'
require 'logstash-filter-tapline_enrich_jars'
require 'java'

class LogStash::Filters::TaplineEnrich < LogStash::Filters::Base
  config_name "tapline_enrich"

  def self.javaClass() Java::IoTaplineLogstash::TaplineEnrich.java_class; end
end
