# create_topic.py: create the topic with several partitions (kafka-python).
# Usage: python3 create_topic.py [topic] [partitions]
import os
import sys

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

bootstrap = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")
topic = sys.argv[1] if len(sys.argv) > 1 else "orders"
partitions = int(sys.argv[2]) if len(sys.argv) > 2 else 1  # TODO: more than one partition, e.g. 3

admin = KafkaAdminClient(bootstrap_servers=bootstrap)
try:
    admin.create_topics([NewTopic(name=topic, num_partitions=partitions, replication_factor=1)])
    print(f"created {topic} with {partitions} partitions")
except TopicAlreadyExistsError:
    # An old topic keeps its old records and partition count: delete it first if those are wrong.
    print(f"{topic} already exists")
finally:
    admin.close()
